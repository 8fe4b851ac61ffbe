from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = "Lịch công tác"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo).
    public_models = ("Week", "Entry")
    editorial = True
    editor_only = True
    demo_module = "schedule.demo"
    demo_order = 60
