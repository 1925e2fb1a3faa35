from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "qingdan.review"
    verbose_name = "review"
