*** Settings ***
Documentation    Every test is skipped (Robot Framework 4 and later): the suite's own status is SKIP.

*** Test Cases ***
Skipped With A Reason
    Skip    Not ready on this host
    Fail    never reached

Skipped By Condition
    Skip If    ${TRUE}    Condition was true

Skipped With An HTML Reason
    Skip    *HTML* <b>maintenance</b> window
