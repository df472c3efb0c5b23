package org.stepwise.alert.careteam;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface CareTeamRepository extends MongoRepository<CareTeam, String> {

}
