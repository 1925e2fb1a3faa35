"""Task checklists (任务清单): a township's checklist of tasks from a meeting or a document, each row
with its leaders, the responsible person and a deadline; progress reports, deadline alerts, import from
a spreadsheet, copying, and the printed A4 list (pdf.py, WeasyPrint).
"""
