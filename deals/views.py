from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from deals.selectors import event_list_for_user


@login_required
def event_list(request):
    return render(request, "deals/event_list.html", {"events": event_list_for_user(user=request.user)})
