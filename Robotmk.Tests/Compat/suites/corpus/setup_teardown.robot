*** Settings ***
Suite Setup       Log    suite setup ok
Suite Teardown    Log    suite teardown ok

*** Test Cases ***
Failing Setup
    [Setup]    Fail    setup broke
    Log    not run

Failing Teardown
    Log    body fine
    [Teardown]    Fail    teardown broke

Passing With Teardown
    Log    fine
    [Teardown]    Log    cleanup
