"""Duty catalogs (履职事项清单): the catalogs of what townships and villages must, may and must not be
asked to do — templates, adoption, versions, amendments with consultation — their import and export
(sheet/, uploads.py), the mirror view of items naming a department, and screening a request against a
catalog (screening.py, on qingdan.screening).
"""
