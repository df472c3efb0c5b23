package org.stepwise.contracts.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.audit.AuditChainCheck.BreakKind;
import org.stepwise.contracts.audit.AuditChainCheck.Link;
import org.stepwise.contracts.audit.AuditChainCheck.Result;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTest {

	private static final Instant T0 = Instant.parse("2026-03-03T02:05:00.123Z");

	@Test
	void theCanonicalFormIsFixedSoOtherReadersCanCheckTheChain() {
		AuditRecorded record = record(1);

		assertThat(AuditChain.canonical(7, record)).isEqualTo("""
				stepwise-audit-chain-v1
				sequence=1:7
				auditId=7:audit-1
				service=18:assessment-service
				actor=12:clinician-a1
				roles=1:1
				role=9:clinician
				clinicianId=12:clinician-a1
				action=15:assessment.read
				patientId=9:patient-1
				programId=9:program-a
				outcome=7:ALLOWED
				occurredAt=13:1772503500124
				""");
		// computed independently (Python's hashlib) from the text above
		assertThat(AuditChain.genesis("assessment-service"))
			.isEqualTo("cd71fee747eb8a614384261ebf8e3608d64d500d8a8800ba1b092f9fa74c0963")
			.isNotEqualTo(AuditChain.genesis("plan-service"));
		assertThat(AuditChain.hash(AuditChain.genesis("assessment-service"), 7, record))
			.isEqualTo("93af56c48de6910a7b892ef1460ec17ad1930c8eef869badca863f7a56118576");
	}

	@Test
	void aNullIsNotTheTextOfAHyphen() {
		AuditRecorded none = new AuditRecorded("audit-1", "s", "a", List.of(), null, "x", null, null,
				AuditOutcome.DENIED, T0);
		AuditRecorded hyphen = new AuditRecorded("audit-1", "s", "a", List.of(), "-", "x", null, null,
				AuditOutcome.DENIED, T0);

		assertThat(AuditChain.hash("p", 1, none)).isNotEqualTo(AuditChain.hash("p", 1, hyphen));
	}

	@Test
	void anUntouchedChainIsIntact() {
		Result result = check(chain(5));

		assertThat(result.intact()).isTrue();
		assertThat(result.checked()).isEqualTo(5);
		assertThat(result.lastSequence()).isEqualTo(5);
		assertThat(result.lastHash()).isEqualTo(chain(5).get(4).hash());
	}

	@Test
	void aChangedFieldBreaksThatRecordsHash() {
		List<Link> links = chain(5);
		Link third = links.get(2);
		AuditRecorded r = third.record();
		links.set(2,
				new Link(3, third.previousHash(), third.hash(),
						new AuditRecorded(r.auditId(), r.service(), r.actor(), r.roles(), r.clinicianId(),
								"something.else", r.patientId(), r.programId(), r.outcome(), r.occurredAt())));

		Result result = check(links);

		assertThat(result.firstBreak()).isNotNull();
		assertThat(result.firstBreak().sequence()).isEqualTo(3);
		assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.HASH_MISMATCH);
		assertThat(result.firstBreak().occurredAt()).isEqualTo(r.occurredAt());
		assertThat(result.firstBreak().detail()).doesNotContain("patient-", "clinician-");
		assertThat(result.summary()).isEqualTo("assessment-service: 5 records checked, BROKEN at sequence 3 "
				+ "(2026-03-03T02:05:00.126Z): HASH_MISMATCH, the record's fields differ from those its hash covers");
	}

	@Test
	void aRecordRehashedAfterItsChangeBreaksTheLinkOfTheNext() {
		List<Link> links = chain(5);
		Link third = links.get(2);
		AuditRecorded r = third.record();
		AuditRecorded changed = new AuditRecorded(r.auditId(), r.service(), r.actor(), r.roles(), r.clinicianId(),
				r.action(), "patient-other", r.programId(), r.outcome(), r.occurredAt());
		links.set(2, new Link(3, third.previousHash(), AuditChain.hash(third.previousHash(), 3, changed), changed));

		Result result = check(links);

		assertThat(result.firstBreak().sequence()).isEqualTo(4);
		assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.LINK_MISMATCH);
	}

	@Test
	void aRemovedRecordIsAMissingSequence() {
		List<Link> links = chain(6);
		links.remove(3);
		links.remove(3);

		Result result = check(links);

		assertThat(result.firstBreak().sequence()).isEqualTo(4);
		assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.MISSING_SEQUENCE);
		assertThat(result.firstBreak().detail()).isEqualTo("sequences 4 to 5 are missing");
		assertThat(result.firstBreak().occurredAt()).isEqualTo(links.get(3).record().occurredAt());
	}

	@Test
	void aRemovedFirstRecordIsAMissingSequenceToo() {
		List<Link> links = chain(3);
		links.remove(0);

		assertThat(check(links).firstBreak().kind()).isEqualTo(BreakKind.MISSING_SEQUENCE);
		assertThat(check(links).firstBreak().sequence()).isEqualTo(1);
	}

	@Test
	void recordsFromBeforeChainingAreCountedNotBroken() {
		AuditChainCheck check = new AuditChainCheck("assessment-service");
		check.unchained(T0.minusSeconds(60));
		check.unchained(T0.minusSeconds(5));
		chain(2).forEach(check::link);

		Result result = check.result();

		assertThat(result.intact()).isTrue();
		assertThat(result.unchained()).isEqualTo(2);
		assertThat(result.unchainedBefore()).isEqualTo(T0.minusSeconds(5));
		assertThat(result.summary()).isEqualTo(
				"assessment-service: 2 records checked, intact up to sequence 2; 2 unchained before 2026-03-03T02:04:55.123Z");
	}

	private static Result check(List<Link> links) {
		AuditChainCheck check = new AuditChainCheck("assessment-service");
		links.forEach(check::link);
		return check.result();
	}

	private static List<Link> chain(int size) {
		List<Link> links = new ArrayList<>();
		String previous = AuditChain.genesis("assessment-service");
		for (int sequence = 1; sequence <= size; sequence++) {
			AuditRecorded record = record(sequence);
			String hash = AuditChain.hash(previous, sequence, record);
			links.add(new Link(sequence, previous, hash, record));
			previous = hash;
		}
		return links;
	}

	private static AuditRecorded record(int n) {
		return new AuditRecorded("audit-" + n, "assessment-service", "clinician-a1", List.of("clinician"),
				"clinician-a1", "assessment.read", "patient-" + n, "program-a", AuditOutcome.ALLOWED, T0.plusMillis(n));
	}

}
