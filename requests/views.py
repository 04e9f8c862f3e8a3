from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from requests.selectors import need_list_for_user


@login_required
def need_list(request):
    page = Paginator(need_list_for_user(user=request.user).order_by("-created_at"), 20)
    return render(request, "requests/list.html", {"page_obj": page.get_page(request.GET.get("page"))})
