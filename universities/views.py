from django.shortcuts import get_object_or_404, render

from accounts.access import PORTAL_ROLES, role_required
from achievements.selectors import achievement_list_for_user
from universities import selectors
from universities.models import University


@role_required(*PORTAL_ROLES)
def university_list(request):
    return render(request, "universities/list.html", {"universities": selectors.university_list()})


@role_required(*PORTAL_ROLES)
def university_detail(request, slug):
    university = get_object_or_404(University, slug=slug)
    context = {
        "university": university,
        "pairs": selectors.pairs_of_university(university=university),
        "teams": university.teams.all(),
        "results": achievement_list_for_user(user=request.user).filter(university=university)[:10],
    }
    return render(request, "universities/detail.html", context)
