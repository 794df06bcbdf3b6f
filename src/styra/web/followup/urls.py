"""The follow-up app's addresses, in Swedish as the users read them."""

from django.urls import path

from styra.web.followup.views import (
    excel,
    forecast,
    indicator_history,
    municipal,
    narrative,
    pages,
    periods,
    report,
    results,
    search,
    sie,
)

P = "n/<slug:slug>/<slug:period>/"
K = "kommun/<int:pk>/<int:year>/"

urlpatterns = [
    path("", pages.home, name="home"),
    path("sok/", search.search, name="search"),
    path("n/<slug:slug>/", pages.committee, name="committee"),
    path(P, pages.overview, name="overview"),
    path(P + "indikator/<int:pk>/", results.indicator, name="indicator"),
    path(P + "indikator/<int:pk>/forhandsgranska/", results.indicator_preview, name="preview"),
    path(
        P + "indikator/<int:pk>/ar/",
        indicator_history.page,
        name="indicator_history",
    ),
    path(P + "mal/<int:pk>/", results.goal, name="goal"),
    path(P + "berattelse/", narrative.sections, name="narrative"),
    path(P + "berattelse/<int:pk>/", narrative.section, name="section"),
    path(P + "rad/<int:pk>/", narrative.line, name="line"),
    path(P + "sie/", sie.upload, name="sie_upload"),
    path(P + "sie/<int:pk>/", sie.preview, name="sie_preview"),
    path(P + "excel/", excel.download, name="excel_download"),
    path(P + "excel/blad/", excel.page, name="excel_page"),
    path(P + "excel/ladda-upp/", excel.upload, name="excel_upload"),
    path(P + "rapport/", report.preview, name="report"),
    path(P + "rapport/ladda-ner/<slug:fmt>/", report.download, name="report_download"),
    path(
        P + "rapport/version/<int:number>/arkiv/",
        report.version_archive,
        name="version_archive",
    ),
    path(
        P + "rapport/version/<int:number>/<slug:fmt>/",
        report.version_download,
        name="version_download",
    ),
    path(P + "export/", report.export, name="export"),
    path(P + "faststall/", report.adopt, name="adopt"),
    path(P + "rattelse/", report.correction, name="correction"),
    path(P + "prognos/", forecast.page, name="forecast"),
    path(
        P + "prognos/indikator/<int:pk>/",
        forecast.save_indicator,
        name="forecast_indicator",
    ),
    path(
        P + "prognos/<slug:kind>/<int:pk>/",
        forecast.save_row,
        name="forecast_row",
    ),
    path(P + "nasta-period/", periods.open_next_period, name="open_next"),
    path(P + "historik/", pages.history, name="history"),
    path(P + "historik/<slug:kind>/<int:pk>/", pages.item_history, name="item_history"),
    path("kommun/<int:pk>/", municipal.municipality, name="municipality"),
    path(K, municipal.overview, name="municipality_year"),
    path(K + "kf/<int:goal>/", municipal.council_goal, name="council_goal"),
    path(
        K + "kf-indikator/<int:indicator>/",
        municipal.council_indicator,
        name="council_indicator",
    ),
]
