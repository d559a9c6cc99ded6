# sam build (BuildMethod: makefile) calls build-<LogicalId> with ARTIFACTS_DIR set.
# Each function ships its own classes at the root and its module's runtime dependencies in lib/,
# nothing else (BuiltArtifactsTest compares lib/ with META-INF/liaison/runtime-dependencies.txt);
# a signed jar's signature is checked here and removed (bin/unsign-jars, docs/decisions/0026).
# Recipes find a JDK 21+ themselves, as ./run-local and ./run-tests do.
SHELL := /bin/bash
MVNW ?= source bin/java-home.sh && ./mvnw

define build_function
	rm -rf $(ARTIFACTS_DIR)/lib functions/$(1)/target/dependency
	# Each module of the reactor copies its own dependencies into its target/dependency: only the
	# function's are its lib/ (the adapters' optional KMS client is not the router's).
	$(MVNW) -B -q -DskipTests -pl functions/$(1) -am package dependency:copy-dependencies -DincludeScope=runtime
	cp -r functions/$(1)/target/dependency $(ARTIFACTS_DIR)/lib
	bin/unsign-jars $(ARTIFACTS_DIR)/lib/*.jar
	cp -r functions/$(1)/target/classes/. $(ARTIFACTS_DIR)/
endef

build-IntakeFunction:
	$(call build_function,intake)

build-CaseworkFunction:
	$(call build_function,casework)

build-TrackingFunction:
	$(call build_function,tracking)

build-RouterFunction:
	$(call build_function,router)

build-ReviewFunction:
	$(call build_function,review)

build-PolicyFunction:
	$(call build_function,policy)

build-DirectoryFunction:
	$(call build_function,directory)

build-AuditFunction:
	$(call build_function,audit)

build-DigestFunction:
	$(call build_function,digest)

build-NotifierFunction:
	$(call build_function,notify)

build-DeadlineFunction:
	$(call build_function,deadlines)

# The payload branch key's custom resource (functions/payload-key/payload-key.yaml, a nested stack).
build-PayloadKeyFunction:
	$(call build_function,payload-key)

# The console publisher of functions/console-publisher/console-release.yaml (a nested stack): its
# classes, and beside them console/ as Vite builds it from the committed lock file.
build-ConsolePublisherFunction:
	cd console && npm ci --no-audit --no-fund && npm run build
	$(call build_function,console-publisher)
	rm -rf $(ARTIFACTS_DIR)/console
	cp -r console/dist $(ARTIFACTS_DIR)/console
