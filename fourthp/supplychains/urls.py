from django.urls import URLPattern, path

from fourthp.core.pages import page
from fourthp.supplychains import views

urlpatterns: list[URLPattern] = [
    *page("supply-chains/", views.goods_explorer, "goods-explorer"),
    path("supply-chains/screens/", views.screen_start, name="screen-start"),
    path("supply-chains/screens/<int:pk>/", views.screen_detail, name="screen-detail"),
    path("supply-chains/screens/<int:pk>/results.csv", views.screen_export, {"fmt": "csv"}, name="screen-csv"),
    path("supply-chains/screens/<int:pk>/results.xlsx", views.screen_export, {"fmt": "xlsx"}, name="screen-xlsx"),
]
