from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/gelezen/", views.notification_read, name="read"),
    path("alles-gelezen/", views.notifications_read_all, name="read_all"),
    path("voorkeuren/", views.preferences, name="preferences"),
]
