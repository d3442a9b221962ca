"""Beyond one machine: the W5-style gradient evaluated on a (1 000 000, 61)
array chunked as a Dask array, on a LocalCluster of two worker processes,
against the single-process result. Dask is installed by run-tests.sh; the
package does not depend on it."""

import numpy as np
import pytest

import symdiff

dask_array = pytest.importorskip("dask.array")
distributed = pytest.importorskip("dask.distributed")


def test_map_blocks_on_a_local_cluster(nn):
    loss, params = nn
    evaluator = symdiff.compile(symdiff.gradient(loss, params), params)
    assert evaluator.outputs == 61 and len(params) == 61
    points = np.random.default_rng(8).uniform(-1.0, 1.0, (1_000_000, 61))
    expected = evaluator(points)

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        chunks = dask_array.from_array(points, chunks=(125_000, 61))
        result = chunks.map_blocks(evaluator, dtype=np.float64, chunks=(125_000, evaluator.outputs))
        values = result.compute()
        assert len(client.scheduler_info()["workers"]) == 2

    assert values.shape == (1_000_000, 61)
    np.testing.assert_array_equal(values, expected)
