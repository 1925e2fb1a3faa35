from django.apps import AppConfig


class SheetsConfig(AppConfig):
    name = "qingdan.sheets"
    verbose_name = "spreadsheets"
