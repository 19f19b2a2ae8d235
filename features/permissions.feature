Feature: Permissions by conversation kind and role
  One policy table decides what each role may do in each kind of conversation. People outside a
  conversation cannot even tell it exists: they get "not found", never "forbidden".

  Scenario Outline: <role> of a <kind> tries to <action>
    Given a <kind> with an owner, an admin and a <role>
    When the <role> of the <kind> tries to <action>
    Then the outcome is <outcome>

    Examples: Groups
      | kind  | role     | action                  | outcome   |
      | group | owner    | rename it               | allowed   |
      | group | admin    | rename it               | allowed   |
      | group | member   | rename it               | forbidden |
      | group | outsider | rename it               | hidden    |
      | group | member   | post                    | allowed   |
      | group | outsider | post                    | hidden    |
      | group | outsider | read the history        | hidden    |
      | group | member   | add someone             | allowed   |
      | group | member   | remove someone          | forbidden |
      | group | admin    | remove someone          | allowed   |
      | group | member   | delete the seed message | forbidden |
      | group | admin    | delete the seed message | allowed   |
      | group | member   | promote someone         | forbidden |
      | group | admin    | promote someone         | forbidden |
      | group | owner    | promote someone         | allowed   |
      | group | admin    | delete it               | forbidden |
      | group | owner    | delete it               | allowed   |
      | group | member   | see receipts            | allowed   |

    Examples: Channels
      | kind    | role       | action           | outcome   |
      | channel | subscriber | post             | forbidden |
      | channel | admin      | post             | allowed   |
      | channel | subscriber | react            | allowed   |
      | channel | subscriber | type             | forbidden |
      | channel | subscriber | list the members | forbidden |
      | channel | admin      | list the members | allowed   |
      | channel | subscriber | see receipts     | forbidden |
      | channel | subscriber | read the history | allowed   |
      | channel | subscriber | add someone      | forbidden |
      | channel | outsider   | read the history | hidden    |

    Examples: Direct conversations
      | kind   | role     | action      | outcome   |
      | direct | member   | rename it   | forbidden |
      | direct | member   | delete it   | allowed   |
      | direct | member   | add someone | forbidden |
      | direct | outsider | post        | hidden    |
