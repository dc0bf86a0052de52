from mtsum.cli import cli

cli(prog_name="mtsum")
