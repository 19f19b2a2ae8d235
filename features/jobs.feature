Feature: Dead jobs
  A background job that failed on every attempt, that its handler gave up on, or that kept killing its
  worker is dead: it waits until staff look at it and an admin runs it again (`parley jobs dead list|retry`).
  How jobs die on RabbitMQ is covered by the adapter's contract and the fault tests.

  Background:
    Given a platform admin Ada
    And the users Ann and Bob

  Scenario: A healthy platform has no dead jobs
    When Ada lists the dead "media.process" jobs
    Then the list of dead jobs is empty
    When Ada runs the dead "notify.message" jobs again
    Then 0 jobs are queued again

  Scenario: Moderators list dead jobs; only admins run them again
    Given Ada made Bob a moderator
    When Bob lists the dead "notify.message" jobs
    Then it succeeds
    When Bob runs the dead "notify.message" jobs again
    Then it fails as "forbidden"
    When Ann lists the dead "notify.message" jobs
    Then it fails as "forbidden"

  Scenario: Unknown job names are refused
    When Ada lists the dead "email.send" jobs
    Then it fails as "invalid"
