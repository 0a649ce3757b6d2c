"""fazhi: score 法治政府建设年度报告 against the requirement catalogue, with evidence."""

__version__ = "0.1.0"
