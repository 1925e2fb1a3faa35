from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def catalog_list(request):
    return render(request, "web/home.html")


@login_required
def mirror(request):
    return render(request, "web/home.html")
