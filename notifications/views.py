from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from notifications import selectors, services


@login_required
def notification_list(request):
    page = Paginator(selectors.notification_list_for(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page})


@require_POST
@login_required
def notification_open(request, pk):
    """Mark one notification read and go where it points."""
    notification = get_object_or_404(selectors.notification_list_for(user=request.user), pk=pk)
    services.notification_mark_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "notifications:list"
    return redirect(target)


@require_POST
@login_required
def notification_read_all(request):
    services.notification_mark_read(user=request.user)
    return redirect("notifications:list")
