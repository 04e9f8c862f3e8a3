from django.shortcuts import render

from accounts.access import PORTAL_ROLES, role_required


@role_required(*PORTAL_ROLES)
def dashboard_index(request):
    return render(request, "dashboards/index.html")
