export { Expectation, BootExpectation, FindingMatch, EventMatch, EVENT_FIELDS, SystemdAnalyzeKind, Bounds, Duration, BootRef, ExpectationError, parseExpectation, parseExpectationData } from './expectation.js';
export { checkJournal, unreadableJournal, findingMatches, describeFinding, eventMatches, describeEventMatch, type CheckCase, type JournalCheck, type CheckOptions, type FailOnLevel } from './evaluate.js';
export { renderJunit, xmlEscape } from './junit.js';
export { findJournals, isJournalName, expectationFor, isExpectationFile, EXPECTATION_SUFFIXES } from './files.js';
