from django.urls import path

from . import comment_views, proposal_views, story_views, undo_views, views, workflow_views

app_name = "reports"
urlpatterns = [
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/thema/<slug:theme_key>/", views.report_theme_view, name="theme"),
    path("<int:report_id>/antwoord/<int:answer_id>/", views.answer_save_view, name="answer_save"),
    path(
        "<int:report_id>/antwoord/<int:answer_id>/geschiedenis/",
        views.answer_history_view,
        name="answer_history",
    ),
    path("<int:report_id>/tekst/<slug:theme_key>/", views.section_text_view, name="theme_text"),
    path(
        "<int:report_id>/tekst/<slug:theme_key>/<slug:element_key>/",
        views.section_text_view,
        name="element_text",
    ),
    path(
        "<int:report_id>/stap/<slug:name>/",
        workflow_views.report_transition_view,
        name="transition",
    ),
    path("<int:report_id>/nieuwe-versie/", workflow_views.report_correct_view, name="correct"),
    path("<int:report_id>/verwijderen/", undo_views.report_remove_view, name="remove"),
    path("<int:report_id>/terugzetten/", undo_views.report_restore_view, name="restore"),
    path("<int:report_id>/verschillen/", views.report_differences_view, name="differences"),
    path("<int:report_id>/commentaar/", comment_views.comment_add_view, name="comment_add"),
    path(
        "<int:report_id>/commentaar/<int:comment_id>/afhandelen/",
        comment_views.comment_resolve_view,
        name="comment_resolve",
    ),
    path(
        "<int:report_id>/antwoord/<int:answer_id>/voorstel/",
        proposal_views.proposal_add_view,
        name="proposal_add",
    ),
    path(
        "<int:report_id>/voorstel/<int:proposal_id>/aannemen/",
        proposal_views.proposal_accept_view,
        name="proposal_accept",
    ),
    path(
        "<int:report_id>/voorstel/<int:proposal_id>/afwijzen/",
        proposal_views.proposal_decline_view,
        name="proposal_decline",
    ),
    path(
        "<int:report_id>/thema/<slug:theme_key>/<slug:kind>/nieuw/",
        views.report_item_view,
        name="item_add",
    ),
    path(
        "<int:report_id>/thema/<slug:theme_key>/<slug:kind>/<int:item_id>/",
        views.report_item_view,
        name="item_edit",
    ),
    path(
        "<int:report_id>/thema/<slug:theme_key>/<slug:kind>/<int:item_id>/verwijderen/",
        views.report_item_delete_view,
        name="item_delete",
    ),
    path("voorbeeld/", views.markdown_preview, name="preview"),
    path("<int:report_id>/verhaal/", story_views.report_story_view, name="story"),
    path("<int:report_id>/verhaal/nieuw/", story_views.own_section_view, name="section_add"),
    path(
        "<int:report_id>/verhaal/<int:section_id>/",
        story_views.own_section_view,
        name="section_edit",
    ),
    path(
        "<int:report_id>/verhaal/<int:section_id>/verplaatsen/",
        story_views.own_section_move_view,
        name="section_move",
    ),
    path(
        "<int:report_id>/verhaal/<int:section_id>/verwijderen/",
        story_views.own_section_delete_view,
        name="section_delete",
    ),
    path(
        "<int:report_id>/praktijk/<int:item_id>/afbeelding/",
        story_views.practice_image_view,
        name="practice_image",
    ),
    path(
        "<int:report_id>/praktijk/<int:item_id>/afbeelding/opslaan/",
        story_views.practice_image_upload_view,
        name="practice_image_upload",
    ),
    path(
        "<int:report_id>/praktijk/<int:item_id>/afbeelding/verwijderen/",
        story_views.practice_image_remove_view,
        name="practice_image_remove",
    ),
]
