*** Settings ***
Suite Setup       Fail    environment is down
Suite Teardown    Fail    teardown also broke

*** Test Cases ***
First
    Log    never

Second
    Log    never
