package org.stepwise.testsupport;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.stepwise.testsupport.indexed.Visit;

import static org.assertj.core.api.Assertions.assertThat;

class QueryIndexesTest {

	private final QueryIndexes check = QueryIndexes.of("org.stepwise.testsupport.indexed");

	@Test
	void discoversEveryRepositoryQueryMethodAndTheOptimisticLockSave() {
		assertThat(this.check.names()).containsExactlyInAnyOrder("optimistic-lock save of Visit",
				"VisitRepository.findByCode", "VisitRepository.findByPatientIdOrderByAtAsc",
				"VisitRepository.findByPatientIdOrderByStatusAsc", "VisitRepository.findByRoomAndStatusIn",
				"VisitRepository.findByStatusBefore");
	}

	@Test
	void flagsQueriesNoIndexAnswersWithFilterAndOrder() {
		assertThat(this.check.unindexed()).containsExactly(
				"optimistic-lock save of Visit on visits needs a unique index on exactly [_id, version] (by equality) for the embedded store",
				"VisitRepository.findByPatientIdOrderByStatusAsc on visits needs an index on [patient, status]",
				"VisitRepository.findByStatusBefore on visits needs an index on [status, at]");
	}

	@Test
	void theEmbeddedStoreUsesOnlyUniqueIndexesOnExactlyTheFilterByEquality() {
		assertThat(this.check.embeddedScans()).containsExactly("optimistic-lock save of Visit on visits [_id, version]",
				"VisitRepository.findByPatientIdOrderByAtAsc on visits [patient]",
				"VisitRepository.findByPatientIdOrderByStatusAsc on visits [patient]",
				"VisitRepository.findByRoomAndStatusIn on visits [room, status]",
				"VisitRepository.findByStatusBefore on visits [status, at]");
	}

	@Test
	void aLookupMustBeAnsweredFromAnIndexOnTheEmbeddedStoreToo() {
		QueryIndexes lookups = QueryIndexes.of("org.stepwise.testsupport.none")
			.lookup("by code", Visit.class, new Query(Criteria.where("code").is("c")))
			.lookup("by room and status", Visit.class, new Query(Criteria.where("room").is("r").and("status").is("s")))
			.lookup("by id and version", Visit.class, new Query(Criteria.where("id").is("v").and("version").is(3)));
		assertThat(lookups.unindexed()).containsExactly(
				"optimistic-lock save of Visit on visits needs a unique index on exactly [_id, version] (by equality) for the embedded store",
				"by id and version on visits needs a unique index on exactly [_id, version] (by equality) for the embedded store");
	}

	@Test
	void aPartialIndexCountsOnlyForAQueryThatRepeatsItsFilter() {
		QueryIndexes sweeps = QueryIndexes.of("org.stepwise.testsupport.none")
			.template("pending", Visit.class, new Query(Criteria.where("tasks.ref").exists(true)))
			.template("first task", Visit.class, new Query(Criteria.where("tasks.0").exists(true)))
			.template("a task", Visit.class, new Query(Criteria.where("tasks.ref").is("t")));
		assertThat(sweeps.unindexed()).containsExactly(
				"optimistic-lock save of Visit on visits needs a unique index on exactly [_id, version] (by equality) for the embedded store",
				"first task on visits needs an index on [tasks.0]", "a task on visits needs an index on [tasks.ref]");
	}

	@Test
	void describesEachQueryWithTheIndexThatAnswersIt() {
		List<String> lines = this.check.describe();
		assertThat(lines).contains(
				"VisitRepository.findByCode on visits [code] sort [] -> MongoDB: code [code] unique; embedded store: code [code] unique");
	}

}
