"""Render stage: one small module per output format, each turning a ReportResult into text or bytes.

Renderers never print and never exit; the CLI decides where output goes.
"""
