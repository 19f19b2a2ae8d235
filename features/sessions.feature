Feature: Sessions and devices
  Every sign-in is a session with the device it came from. People see where they are signed in, end the
  session of a lost device, or sign out everywhere but here; an ended session's tokens stop working at once.

  Background:
    Given Ann has signed up

  Scenario: Every sign-in is listed with its device, the current one marked
    When Ann signs in on "Ann's phone" running "ios" version "2.4.1"
    Then Ann's phone lists 2 sessions
    And the current session of Ann's phone is "Ann's phone" on "ios" version "2.4.1"
    And Ann's own session names no device, and "Ann's phone" is among the others

  Scenario: Ending a lost phone's session signs it out there and nowhere else
    Given Ann is signed in on "Ann's phone" running "android" version "1.0"
    When Ann ends the session of Ann's phone
    Then it succeeds
    And Ann's phone can no longer use its access token
    And Ann's phone can no longer refresh its session
    And Ann's own session still works
    And Ann lists 1 session

  Scenario: Signing out everywhere else keeps only this session
    Given Ann is signed in on "Ann's phone" running "ios" version "2.4.1"
    And Ann is signed in on "Ann's laptop" running "web" version "0.9"
    When Ann ends every other session
    Then 2 sessions ended
    And Ann's phone can no longer use its access token
    And Ann's laptop can no longer use its access token
    And Ann's own session still works
    And Ann lists 1 session

  Scenario: Ending your own session signs you out
    When Ann ends her own session
    Then it succeeds
    And Ann can no longer use her access token

  Scenario: Nobody can end another person's session, or one that already ended
    Given Bob has signed up
    And Ann is signed in on "Ann's phone" running "ios" version "2.4.1"
    When Bob tries to end the session of Ann's phone
    Then it fails as "not found" with code "session_not_found"
    And Ann's phone's own session still works
    When Ann ends the session of Ann's phone
    And Ann ends the session of Ann's phone
    Then it fails as "not found" with code "session_not_found"

  Scenario: A device name that is not text is refused with the field named
    When Ann signs in on a device named "" running "ios" version "1.0"
    Then it fails as "invalid"
    And the problem is with "device.name"
