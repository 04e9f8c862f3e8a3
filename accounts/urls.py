
app_name = "accounts"
urlpatterns: list = [
    # Enterprise registration, invitations and approval (issue 5) are added here.
]
