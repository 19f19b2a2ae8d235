Feature: Push to phones and browsers
  A signed-in device registers where it is woken: an FCM or APNs device token, or a browser's Web Push
  subscription. When a message comes for someone with no live connection, each of their devices is pushed once,
  with their unread total for the app icon. Nothing is pushed to someone online, for a conversation they muted or
  set to none, or from someone they blocked. A device is no longer pushed once its session ends or it stops push.

  Background:
    Given the users Ann, Bob and Cat
    And Ann created the group "Team" with Bob and Cat
    And Bob is signed in on "Bob's phone" running "android" version "3.1"
    And Bob is signed in on "Bob's iPad" running "ios" version "3.1"
    And Cat is signed in on "Cat's phone" running "android" version "3.1"
    And Bob's phone registers for push with the "fcm" token "bob-phone-fcm-token"
    And Bob's iPad registers for push with the "apns" token "b0b1a2d0b0b1a2d0b0b1a2d0b0b1a2d0b0b1a2d0b0b1a2d0b0b1a2d0b0b1a2d0"
    And Cat's phone registers for push with the "fcm" token "cat-phone-fcm-token"

  Scenario: Every device of someone offline is pushed once per message, with their unread total
    When Ann sends "lunch?" to "Team"
    Then "lunch?" is pushed once to each of Bob's phone, Bob's iPad and Cat's phone
    And the push of "lunch?" to Bob's iPad has the badge 1
    When Ann sends "at noon" to "Team"
    Then "at noon" is pushed once to each of Bob's phone, Bob's iPad and Cat's phone
    And the push of "at noon" to Bob's phone has the badge 2

  Scenario: Nothing is pushed to someone online
    When Bob connects
    And Ann sends "are you here?" to "Team"
    Then "are you here?" is pushed once to each of Cat's phone but not to Bob's phone or Bob's iPad

  Scenario: Nothing is pushed for a muted conversation, or one set to notify of nothing
    Given Bob muted "Team"
    And Cat asks to be notified of "none" in "Team"
    When Ann sends "quiet please" to "Team"
    And Ann sends "@bob look" to "Team" mentioning Bob
    Then "@bob look" is pushed once to each of Bob's phone and Bob's iPad but not to Cat's phone
    And "quiet please" is pushed to none of Bob's phone, Bob's iPad and Cat's phone

  Scenario: Nothing is pushed from someone blocked
    When Bob blocks Ann
    And Ann sends "still there?" to "Team"
    Then "still there?" is pushed once to each of Cat's phone but not to Bob's phone or Bob's iPad

  Scenario: A device whose session ended, or that stopped push, is not pushed
    When Bob ends the session of Bob's phone
    And Cat's phone stops push
    And Ann sends "anyone?" to "Team"
    Then "anyone?" is pushed once to each of Bob's iPad but not to Bob's phone or Cat's phone

  Scenario: Without a preview, a push names no sender or conversation and quotes nothing
    When Bob turns notification previews off
    And Ann sends "the secret plan" to "Team"
    Then the push of "the secret plan" to Bob's phone says only that a message came

  Scenario: A target that is no push address is refused
    When Bob's phone registers for push with the "pigeon" token "coo-coo-coo"
    Then it fails as "invalid"
    When Bob's phone registers for push with the "fcm" token "no spaces allowed"
    Then it fails as "invalid"
    When Bob's phone registers a Web Push subscription without its keys
    Then it fails as "invalid"
