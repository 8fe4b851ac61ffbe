from django.http import Http404
from django.shortcuts import render


def home(request):
    return render(request, "news/home.html")


def section(request, slug):
    raise Http404


def article(request, slug):
    raise Http404


def count_view(request, pk):
    raise Http404


def tag(request, slug):
    raise Http404


def search(request):
    raise Http404
