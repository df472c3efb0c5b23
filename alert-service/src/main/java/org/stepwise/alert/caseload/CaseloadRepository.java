package org.stepwise.alert.caseload;

import java.util.Collection;
import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface CaseloadRepository extends MongoRepository<CaseloadCard, String> {

	/** A clinician's patients in their programs (index care_team_program). */
	List<CaseloadCard> findByCareTeamAndProgramIdIn(String clinicianId, Collection<String> programIds);

	/** Every patient of the programs (index on programId). */
	List<CaseloadCard> findByProgramIdIn(Collection<String> programIds);

}
