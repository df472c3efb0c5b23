package org.stepwise.attendance.program;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.program.ProgramType;

/**
 * What attendance-service knows of a program, from the compacted
 * {@code stepwise.programs.v1}: its type label and the types it declares (what it
 * treats), at its newest version.
 */
@Document("programs")
public record KnownProgram(@Id String id, @Nullable ProgramType type, @Nullable List<ProgramType> types, long version) {
}
