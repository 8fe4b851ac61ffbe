from django.apps import AppConfig

from congdoan.portal import SearchGroup


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo).
    public_models = ("Issuer", "Topic", "Document", "DocumentFile", "DocumentRelation")
    editorial = True
    writer_permissions = (
        "add_document",
        "change_document",
        "view_document",
        "view_issuer",
        "view_topic",
        "add_documentfile",
        "change_documentfile",
        "delete_documentfile",
        "view_documentfile",
        "add_documentrelation",
        "change_documentrelation",
        "delete_documentrelation",
        "view_documentrelation",
    )
    demo_module = "documents.demo"
    demo_order = 50  # documents link to the demo articles
    # Read by congdoan.portal: a group of site search ("Xem tất cả" opens the register's search).
    search_groups = (
        SearchGroup("van-ban", "Văn bản", 10, "documents.site_search.search", more_url="documents:register"),
    )
