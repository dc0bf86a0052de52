from mtsum.cli import cli

if __name__ == "__main__":  # a worker process (mtsum.prepare) imports this module again
    cli(prog_name="mtsum")
