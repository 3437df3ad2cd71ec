import pytest

from werkset.inventories.demo import INSTRUMENT_FILE
from werkset.inventories.services import inventory_load


@pytest.fixture
def inventory(regions):
    return inventory_load(path=INSTRUMENT_FILE)[0]
