#!/usr/bin/env bash
# mtsum on a GPU: --device cuda with the transformers backend, on a tiny Marian model built
# offline (random weights, the real architecture), against --device cpu on the same machine.
# For a machine whose Python has torch, transformers and sentencepiece but not mtsum's other
# dependencies and no network: build the missing ones as wheels beforehand, into .gpu/whl
# (ignored by git), e.g. `pip wheel --no-deps -w .gpu/whl langdetect hanzidentifier zhon
# stopwordsiso babel dateparser platformdirs sacremoses tzlocal pytz` plus sentencex for the
# machine's Python (`pip download --only-binary=:all: --python-version 3.12 ...`), then run
# `bash bench/gpu_check.sh` from the repository root there; results land in $OUT.
# Seen on an H200 on 2026-12-04: both commands rc 0 on cuda; the output differed from the
# CPU's on near-equal scores of the random weights (hence the "transformers (cuda)" label).
set -u
OUT=${OUT:-/tmp/gpu-check}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .gpu/whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1 MTSUM_CACHE_DIR=/tmp/mtsum-cache HF_HUB_OFFLINE=1
nvidia-smi -L
python3 -c "import torch, transformers; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), torch.cuda.get_device_name(0)); print('transformers', transformers.__version__)"
python3 -c "from pathlib import Path; from tests.tiny_models import build_marian; build_marian(Path('/tmp/m'))" || exit 1
cat > /tmp/mtsum.toml <<'T'
[models]
no-en = "/tmp/m"
en-vi = "/tmp/m"
T
NO=seeds/004_0b46af3614b9e39e.txt
for dev in cuda cpu; do
  s=$(date +%s.%N)
  python3 -m mtsum --config /tmp/mtsum.toml translate $NO --to en --from no --device $dev --backend torch --no-cache -o $OUT/translate-$dev.txt; echo "translate $dev rc=$? $(echo "$(date +%s.%N) - $s" | python3 -c "import sys; print(round(eval(sys.stdin.read()), 2))") s"
  s=$(date +%s.%N)
  python3 -m mtsum --config /tmp/mtsum.toml -v brief seeds/ --device $dev --backend torch --no-cache --date 2025-12-01 --out /tmp/brief-$dev 2> $OUT/brief-$dev.stderr.txt; echo "brief $dev rc=$? $(echo "$(date +%s.%N) - $s" | python3 -c "import sys; print(round(eval(sys.stdin.read()), 2))") s"
  cp /tmp/brief-$dev/briefing.json $OUT/brief-$dev.json
done
cmp $OUT/translate-cuda.txt $OUT/translate-cpu.txt && echo "translate: cuda and cpu outputs identical"
python3 - <<'P'
import json, os
out = os.environ["OUT"]
a, b = (json.load(open(f"{out}/brief-{d}.json")) for d in ("cuda", "cpu"))
def strip(d):
    for art in d["articles"]:
        for t in [art["translation"]["en"], *art["summaries"].values(), *art["titles"].values()]:
            if isinstance(t, dict):
                t.pop("backend", None)
    return d
print("brief JSON identical except the backend label:", strip(a) == strip(b))
print("translated articles:", [x["id"] for x in a["articles"] if x["translation"]["en"]["status"] == "translated"])
print("backends named:", sorted({x["translation"]["en"].get("backend") or "-" for x in json.load(open(f"{out}/brief-cuda.json"))["articles"]}))
P
grep -i "cuda\|device\|gpu" $OUT/brief-cuda.stderr.txt | head -5
