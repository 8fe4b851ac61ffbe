from django.apps import AppConfig

from congdoan.portal import HomeBlock


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Phong trào – Cuộc thi"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo).
    public_models = ("CampaignKind", "Campaign", "Phase", "Target", "ProgressReport", "UnitFigure")
    editorial = True
    editor_only = True
    demo_module = "campaigns.demo"
    demo_order = 30  # campaigns link to the demo articles
    # Read by congdoan.portal: the home page's band under the top stories.
    home_blocks = (
        HomeBlock(
            "band", 10, "campaigns/includes/home_block.html", "campaigns.templatetags.campaigns.ongoing_campaigns"
        ),
    )
