"""Django's JSON serialisation without its two lossy steps, for backups (congdoan.backup).

Django's XML loader strips leading and trailing whitespace from every value (the padded
search columns lose their spaces), turns a stored "\\r\\n" into "\\n" and refuses control
characters; its JSON encoder cuts datetimes and times to milliseconds. This format is
Django's JSON with times written to the microsecond, so every value loads back as stored.
"""

import datetime

from django.core.serializers import json as django_json


class ExactJSONEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = django_json.Deserializer
