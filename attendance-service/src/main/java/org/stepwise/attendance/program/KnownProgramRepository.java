package org.stepwise.attendance.program;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface KnownProgramRepository extends MongoRepository<KnownProgram, String> {

}
