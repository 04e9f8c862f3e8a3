from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from achievements.selectors import achievement_list_for_user


@login_required
def achievement_list(request):
    page = Paginator(achievement_list_for_user(user=request.user).order_by("-published_at", "-created_at"), 20)
    return render(request, "achievements/list.html", {"page_obj": page.get_page(request.GET.get("page"))})


@login_required
def achievement_detail(request, pk):
    achievement = get_object_or_404(achievement_list_for_user(user=request.user), pk=pk)
    return render(request, "achievements/detail.html", {"achievement": achievement})
