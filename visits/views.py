from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.access import role_required
from accounts.models import Role
from visits.selectors import visit_list_for_user


@role_required(Role.OFFICER, Role.BUREAU, Role.ADMIN)
def visit_list(request):
    visits = visit_list_for_user(user=request.user).prefetch_related("teams", "purposes", "officers_present")
    page = Paginator(visits, 20)
    return render(request, "visits/list.html", {"page_obj": page.get_page(request.GET.get("page"))})
