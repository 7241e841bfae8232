"""long_lived(): the collector waits while a pipeline is built, then what was
built is frozen out of its passes; a collector the caller had turned off stays off."""
import gc

import pytest

from docket.extractor.startup import long_lived


@pytest.mark.parametrize("enabled_before", [True, False])
def test_collector_paused_then_objects_frozen(enabled_before):
    was = gc.isenabled()
    gc.unfreeze()
    (gc.enable if enabled_before else gc.disable)()
    try:
        with long_lived():
            assert not gc.isenabled()
            built = [[] for _ in range(100)]  # container objects the collector tracks
        assert gc.isenabled() is enabled_before
        assert gc.get_freeze_count() >= len(built)
        assert not any(o is built[0] for o in gc.get_objects(generation=0))  # frozen, not young
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


def test_collector_restored_when_the_build_fails():
    with pytest.raises(ValueError):
        with long_lived():
            raise ValueError("a pack error while building")
    assert gc.isenabled()
    gc.unfreeze()
