"""The scripts' command lines in Chinese: argparse, with its own words (用法, 选项, its errors)
said in Chinese, since the office that runs the site reads only Chinese."""

from __future__ import annotations

import argparse
import re
import sys

# argparse's own error messages (Python 3.11), each with its Chinese wording.
_ERRORS = (
    (re.compile(r"the following arguments are required: (.+)"), "缺少参数：{0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "无法识别的参数：{0}"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面须写一个值"),
    (
        re.compile(r"argument (\S+): invalid choice: (.+) \(choose from (.+)\)"),
        "参数 {0} 的值 {1} 不是可选项；请从 {2} 中选一个",
    ),
    (re.compile(r"argument (\S+): invalid (\S+) value: (.+)"), "参数 {0} 的值 {2} 无效"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), "选项 {0} 有歧义，可能是：{1}"),
    (re.compile(r"argument (\S+): ignored explicit argument (.+)"), "参数 {0} 不带值，多了 {1}"),
)


def chinese_error(message: str) -> str:
    """argparse's error message in Chinese; a message already Chinese is kept."""
    for pattern, chinese in _ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return chinese.format(*found.groups())
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：")


class ArgumentParser(argparse.ArgumentParser):
    """argparse.ArgumentParser whose help and errors are Chinese."""

    def __init__(self, *args, **kwargs):
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本说明后退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
