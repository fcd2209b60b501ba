# Make targets are shortcuts for the scripts in tools/ (the README uses the scripts, since a
# fresh Debian machine may not have make yet).
.PHONY: all run test bench format clean

all:
	bash tools/setup.sh

run:
	bash tools/run-catalog.sh

test:
	bash tools/run-tests.sh

bench:
	bash tools/run-bench.sh

format:
	git ls-files -z --cached --others --exclude-standard -- '*.cpp' '*.h' | xargs -0 -r clang-format -i

clean:
	rm -rf build resvcheck-traces
