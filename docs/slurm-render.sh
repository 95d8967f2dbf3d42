#!/bin/sh
# Render a folder of specs over a Slurm job array, one shard per task, then
# merge the shards' reports into one report and one index.html:
#
#   jid=$(sbatch --parsable --array=0-15 docs/slurm-render.sh specs/ out/)
#   sbatch --dependency=afterany:$jid docs/slurm-render.sh --merge out/
#
# Each task renders the specs of its shard (--shard auto reads
# SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT) into the shared OUT
# folder and writes OUT/report-ID.json; figures unchanged since the last
# run are skipped.  The merge step needs no spec: it reads the reports.
# HUITU names the program (default: huitu on PATH).
#SBATCH --job-name=huitu
#SBATCH --cpus-per-task=4
#SBATCH --output=huitu-%A_%a.log
set -u
huitu=${HUITU:-huitu}
if [ "${1:-}" = --merge ]; then
  out=${2:-out}
  exec "$huitu" batch --merge-reports "$out"/report-*.json -o "$out" --report "$out/report.json"
fi
specs=${1:-specs}
out=${2:-out}
mkdir -p "$out"
exec "$huitu" batch "$specs" -o "$out" -f png,svg,pdf -j "${SLURM_CPUS_PER_TASK:-1}" --shard auto \
  --report "$out/report-${SLURM_ARRAY_TASK_ID:?not in a Slurm array job}.json"
