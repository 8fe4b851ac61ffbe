import datetime

import pytest
import time_machine

# Tuesday 01/12/2026 at 10:00 in Hà Nội: week 49 (Monday 30/11 to Sunday 06/12/2026).
FROZEN_NOW = datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen_day():
    with time_machine.travel(FROZEN_NOW, tick=False) as traveller:
        yield traveller
