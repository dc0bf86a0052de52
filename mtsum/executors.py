"""Where translation work runs: in this process (``local``), or on a Ray cluster (``ray``).

Both take the same work, the sentences of one model that are not in the cache, and yield
``{index: (translation, split)}`` as it completes, so the engine writes each result into the
cache as it comes back (an interrupted or failed run keeps what was done). The work itself is
:func:`mtsum.batching.translate_pieces` in both: split what is too long, batch by length,
decode under each sentence's own output cap; a translation depends on its sentence alone, so
the same input gives the same briefing on either executor.

Ray (``pip install 'mtsum[ray]'``): each model gets a pool of actors that each load it once
(by hub id from their Hugging Face cache, or a path every node can read) and take chunks of
sentences, as many at a time as actors are free. Reading, detecting, the cache, summaries and
rendering stay on the driver; only the sentences to translate and their translations cross the
network. A worker that dies is restarted and its chunk retried by Ray (``max_restarts``,
``max_task_retries``); a chunk that fails every retry is reported and its sentences come back
untranslated, so their articles are briefed like any article whose translation failed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence

from mtsum.batching import chunks_of, translate_pieces
from mtsum.errors import ModelUnavailable, UsageError

log = logging.getLogger(__name__)

RETRIES = 2  # Ray restarts a dead actor and retries its chunk this many times
IN_FLIGHT = 2  # chunks sent to one worker before its first comes back


class LocalExecutor:
    """The model runs in this process."""

    name = "this process"
    local = True

    def describe(self, backends, spec):
        return backends.describe(spec)

    def run(self, spec, info, model, texts: Sequence[str], limit: int, settings, stats=None):
        yield from translate_pieces(
            model,
            texts,
            limit,
            settings.batch_size,
            settings.batch_tokens,
            stats,
            chunks=chunks_of(texts),
        )

    def close(self) -> None:
        pass


class Worker:
    """A Ray actor: one model, loaded once, translating chunks of sentences."""

    def __init__(self, spec, settings, options: dict | None = None):
        from mtsum.backends import Backends

        self.error = None
        self.model = None
        try:
            self.backends = Backends.from_settings(settings)
            self.model = self.backends.translator(spec, beam=settings.beam, **(options or {}))
        except ModelUnavailable as exc:
            self.error = exc
        self.settings = settings

    def describe(self, spec):
        from mtsum.backends import Backends

        return Backends.from_settings(self.settings).describe(spec)

    def translate(self, texts: list[str], limit: int):
        if self.error is not None:
            raise self.error
        done: dict[int, tuple[str, bool]] = {}
        for finished in translate_pieces(
            self.model, texts, limit, self.settings.batch_size, self.settings.batch_tokens
        ):
            done.update(finished)
        return self.model.label, [done[i] for i in range(len(texts))]


def _ray():
    try:
        import ray
    except ImportError:
        raise UsageError(
            "--executor ray needs Ray: pip install 'mtsum[ray]' (on the driver and the workers)"
        ) from None
    return ray


class RayExecutor:
    """Translation on a Ray cluster: ``address`` "auto" joins a running one; None joins one
    if there is one, else starts a local Ray for the run. ``worker``: the actor class
    (:class:`Worker`; tests give one that dies); ``options``: the workers' model options
    (:meth:`mtsum.backends.Backends.load`'s, e.g. benchmarks forcing output lengths)."""

    local = False

    def __init__(
        self,
        settings,
        address: str | None = None,
        *,
        worker: type = Worker,
        options: dict | None = None,
    ):
        import dataclasses

        ray = _ray()
        self._ray = ray
        self._worker = worker
        self._options = options
        self._started = False
        if not ray.is_initialized():
            options = {
                "include_dashboard": False,
                "log_to_driver": False,
                "configure_logging": False,
            }
            if address:
                _join(ray, address, options, settings.ray_connect_timeout)
            else:
                try:
                    ray.init(address="auto", **options)
                except (ConnectionError, RuntimeError):
                    ray.init(**options)
                    self._started = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.threads = max(1, min(settings.threads or min(4, cpus), cpus))
        self.actors_per_model = max(1, cpus // self.threads)
        self.settings = dataclasses.replace(settings, threads=self.threads)
        self.name = f"Ray ({self.actors_per_model} worker(s) of {self.threads} thread(s))"
        self._pools: dict[str, list] = {}
        self.tasks = 0  # chunks sent (each retry of a chunk is Ray's, not counted)
        self.calls: list[int] = []  # chunks of each piece of work (a window's, one model's)

    def _pool(self, spec) -> list:
        key = f"{spec.model}@{spec.revision}:{spec.source}-{spec.target}"
        if key not in self._pools:
            # The driver keeps one model busy at a time (its sentences, then the next
            # model's), so a model's workers reserve no CPU in Ray's accounting: reserving
            # them would leave no room for the next model's pool while this one idles.
            # They are spread over the nodes, so each node runs its share.
            worker = self._ray.remote(self._worker).options(
                num_cpus=0,
                scheduling_strategy="SPREAD",
                max_restarts=RETRIES,
                max_task_retries=RETRIES,
            )
            self._pools[key] = [
                worker.remote(spec, self.settings, self._options)
                for _ in range(self.actors_per_model)
            ]
        return self._pools[key]

    def describe(self, backends, spec):
        """The model's identity, from this machine if it has the model, else from a worker
        (the driver needs no model to send work)."""
        try:
            return backends.describe(spec)
        except ModelUnavailable as local:
            pool = self._pool(spec)
            try:
                return self._ray.get(pool[0].describe.remote(spec))
            except Exception as exc:  # the workers do not have it either
                cause = getattr(exc, "cause", None) or exc
                if isinstance(cause, ModelUnavailable):
                    raise cause from None
                raise local from None

    def run(
        self, spec, info, model, texts: Sequence[str], limit: int, settings, stats=None
    ) -> Iterator[dict[int, tuple[str, bool]]]:
        if not texts:
            return
        ray = self._ray
        pool = self._pool(spec)
        chunks = chunks_of(texts)  # as this process would cut them
        self.calls.append(len(chunks))
        # Two chunks per worker: the second waits in the worker's queue, so it never idles
        # while the driver takes a result and sends the next chunk.
        idle = list(pool) * IN_FLIGHT
        running: dict = {}  # future -> (actor, chunk)
        failed = 0
        while chunks or running:
            while chunks and idle:
                actor, chunk = idle.pop(), chunks.pop(0)
                future = actor.translate.remote([texts[i] for i in chunk], limit)
                self.tasks += 1
                running[future] = (actor, chunk)
            ready, _ = ray.wait(list(running), num_returns=1)
            future = ready[0]
            actor, chunk = running.pop(future)
            idle.append(actor)
            try:
                label, results = ray.get(future)
            except Exception as exc:  # failed every retry, or the model will not load
                cause = getattr(exc, "cause", None)
                if isinstance(cause, ModelUnavailable):
                    raise cause from None
                failed += len(chunk)
                log.warning(
                    "%s: a worker failed %d time(s) on %d sentence(s) (%s); they are left "
                    "untranslated",
                    spec.model,
                    RETRIES + 1,
                    len(chunk),
                    str(exc).splitlines()[0][:200],
                )
                continue
            if label != info.label:
                log.warning("%s ran on %s on a worker, not %s", spec.model, label, info.label)
            yield {i: result for i, result in zip(chunk, results)}

    def close(self) -> None:
        for pool in self._pools.values():
            for actor in pool:
                try:
                    self._ray.kill(actor)
                except Exception:  # already gone
                    pass
        self._pools.clear()
        if self._started:
            self._ray.shutdown()


class _DropMessage(logging.Filter):
    def __init__(self, start: str):
        super().__init__()
        self.start = start

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.start)


def _join(ray, address: str, options: dict, timeout: float) -> None:
    """``ray.init(address=...)``, given up after ``timeout`` seconds (Ray itself retries an
    unreachable address for minutes): a :class:`UsageError` (exit 2) either way."""
    outcome: list = []
    # Ray says, joining from a thread, that it set no SIGTERM handler: not the user's business.
    quiet = logging.getLogger("ray._private.worker")
    sigterm = _DropMessage("SIGTERM handler is not set")
    quiet.addFilter(sigterm)

    def join() -> None:
        try:
            ray.init(address=address, **options)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller's thread
            outcome.append(exc)

    thread = threading.Thread(target=join, name="ray-join", daemon=True)
    thread.start()
    thread.join(timeout)
    if outcome:
        quiet.removeFilter(sigterm)
    if not outcome:
        raise UsageError(
            f"--ray-address {address}: no Ray cluster answered within {timeout:g} s "
            "([run] ray_connect_timeout)"
        )
    if isinstance(outcome[0], (ConnectionError, RuntimeError)):
        raise UsageError(f"--ray-address {address}: cannot join it ({outcome[0]})") from None
    if outcome[0] is not None:
        raise outcome[0]


def make_executor(settings) -> LocalExecutor | RayExecutor:
    name = getattr(settings, "executor", "local")
    if name == "ray":
        return RayExecutor(settings, getattr(settings, "ray_address", None))
    return LocalExecutor()
