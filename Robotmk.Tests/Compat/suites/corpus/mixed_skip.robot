*** Test Cases ***
Passes
    Log    fine

Skipped Among Passing Tests
    Skip    skipped among passing tests

Skipped By Tag
    [Tags]    robot:skip
    Log    never

Failure Turned Into Skip
    [Tags]    robot:skip-on-failure
    Fail    flaky backend

Skipped In Setup
    [Setup]    Skip    setup decided to skip
    Log    never
