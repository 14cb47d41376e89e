# The two commands a new user needs (README.md): `make run` and `make test`.
# Both install what is missing first (tools/bootstrap), so they work on a fresh Debian 12 machine.

BUILD ?= build
DB ?= data/xuanren.db
DEMO_CADRES ?= 2000
LISTEN ?= 127.0.0.1:8080

.PHONY: run test build web bootstrap format clean

bootstrap:
	tools/bootstrap

# Optimised like RelWithDebInfo (-O2) but without debug information, which made every compile
# about 45 % slower (docs/decisions.md); a developer who wants a debugger configures their own
# build directory with -DCMAKE_BUILD_TYPE=RelWithDebInfo.
build: bootstrap
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DXR_WERROR=ON
	ninja -C $(BUILD)

web: bootstrap
	cd web && npm run build

# Creates the demo database on first run (and prints its accounts once), then serves.
run: build web
	@if [ ! -f $(DB) ]; then \
	  $(BUILD)/xuanren demo --db sqlite:$(DB) --cadres $(DEMO_CADRES); \
	else \
	  $(BUILD)/xuanren migrate --db sqlite:$(DB); \
	  echo "演示账号已在首次创建 $(DB) 时显示；如需重新生成，请删除该文件后再次运行 make run"; \
	fi
	$(BUILD)/xuanren serve --db sqlite:$(DB) --listen $(LISTEN) --web web/dist

# Unit and repository tests on SQLite and a throwaway PostgreSQL 15 (ctest starts and stops it),
# the web unit tests, then the end-to-end specs in Chromium against a real server.
test: build web
	ctest --test-dir $(BUILD) --output-on-failure -j2
	cd web && npm test
	e2e/run $(BUILD)

format:
	find src tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) web/dist
