from django.contrib import admin

from .models import Organisation, Region, RegionalNetwork, VeiligThuisRegion


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "core_partner"]


class RegionInline(admin.TabularInline):
    model = Region
    extra = 0
    fields = ["code", "name", "position"]


@admin.register(RegionalNetwork)
class RegionalNetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "arrondissement", "code"]
    inlines = [RegionInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "code"]
    list_filter = ["network"]
    filter_horizontal = ["veilig_thuis_regions"]


admin.site.register(VeiligThuisRegion)
