using System.Xml;
using System.Xml.Schema;

namespace Robotmk.Tests.Bakery;

/// <summary>
/// Validates task XML against the Task Scheduler schema, version 1.2. The schema below is transcribed from Microsoft's
/// published reference ("Task Scheduler Schema", learn.microsoft.com/windows/win32/taskschd/task-scheduler-schema;
/// source pages MicrosoftDocs/win32 desktop-src/TaskSchd/taskschedulerschema-*.md, documentation licensed CC BY 4.0):
/// element names, all/sequence/choice structure, occurrence limits, simple types and facets (PT1M..P31D repetition
/// intervals, priority 0..10, the Principal key and the Actions Context key reference) are as documented. Elements
/// added after 1.2 are left out, so a 1.2 task using them fails. Content the bakery never writes (e-mail and message
/// actions, the Data element, network settings) is accepted without checking its inside.
/// </summary>
public static class TaskSchedulerSchema
{
    public const string Xsd = """
        <?xml version="1.0" encoding="utf-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                   xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"
                   xmlns:td="http://schemas.microsoft.com/windows/2004/02/mit/task"
                   targetNamespace="http://schemas.microsoft.com/windows/2004/02/mit/task"
                   elementFormDefault="qualified">

          <xs:element name="Task" type="taskType">
            <xs:key name="PrincipalKey">
              <xs:selector xpath="td:Principals/td:Principal"/>
              <xs:field xpath="@id"/>
            </xs:key>
            <xs:keyref name="ContextKeyRef" refer="PrincipalKey">
              <xs:selector xpath="td:Actions"/>
              <xs:field xpath="@Context"/>
            </xs:keyref>
            <xs:unique name="UniqueId">
              <xs:selector xpath="td:Principals/td:Principal|td:Triggers/td:BootTrigger|td:Triggers/td:RegistrationTrigger|td:Triggers/td:IdleTrigger|td:Triggers/td:TimeTrigger|td:Triggers/td:EventTrigger|td:Triggers/td:LogonTrigger|td:Triggers/td:SessionStateChangeTrigger|td:Triggers/td:CalendarTrigger|td:Actions/td:Exec|td:Actions/td:ComHandler|td:Actions/td:SendEmail"/>
              <xs:field xpath="@id"/>
            </xs:unique>
          </xs:element>

          <xs:simpleType name="nonEmptyString">
            <xs:restriction base="xs:string"><xs:minLength value="1"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="pathType">
            <xs:restriction base="nonEmptyString"><xs:maxLength value="260"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="guidType">
            <xs:restriction base="xs:string">
              <xs:pattern value="\{([0-9a-fA-F]){8}(\-([0-9a-fA-F]){4}){3}\-([0-9a-fA-F]){12}\}"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:complexType name="taskType">
            <xs:all>
              <xs:element name="RegistrationInfo" type="registrationInfoType" minOccurs="0"/>
              <xs:element name="Triggers" type="triggersType" minOccurs="0"/>
              <xs:element name="Settings" type="settingsType" minOccurs="0"/>
              <xs:element name="Data" type="xs:anyType" minOccurs="0"/>
              <xs:element name="Principals" type="principalsType" minOccurs="0"/>
              <xs:element name="Actions" type="actionsType"/>
            </xs:all>
            <xs:attribute name="version" use="optional" fixed="1.2">
              <xs:simpleType>
                <xs:restriction base="xs:string"><xs:pattern value="\d+(\.\d+){1,4}"/></xs:restriction>
              </xs:simpleType>
            </xs:attribute>
          </xs:complexType>

          <xs:complexType name="registrationInfoType">
            <xs:all>
              <xs:element name="URI" type="xs:anyURI" minOccurs="0"/>
              <xs:element name="SecurityDescriptor" type="xs:string" minOccurs="0"/>
              <xs:element name="Source" type="xs:string" minOccurs="0"/>
              <xs:element name="Date" type="xs:dateTime" minOccurs="0"/>
              <xs:element name="Author" type="xs:string" minOccurs="0"/>
              <xs:element name="Version" type="xs:string" minOccurs="0"/>
              <xs:element name="Description" type="xs:string" minOccurs="0"/>
              <xs:element name="Documentation" type="xs:string" minOccurs="0"/>
            </xs:all>
          </xs:complexType>

          <xs:complexType name="triggersType">
            <xs:group ref="triggerGroup" minOccurs="0" maxOccurs="48"/>
          </xs:complexType>
          <xs:group name="triggerGroup">
            <xs:choice>
              <xs:element name="BootTrigger" type="bootTriggerType"/>
              <xs:element name="RegistrationTrigger" type="registrationTriggerType"/>
              <xs:element name="IdleTrigger" type="idleTriggerType"/>
              <xs:element name="TimeTrigger" type="timeTriggerType"/>
              <xs:element name="EventTrigger" type="eventTriggerType"/>
              <xs:element name="LogonTrigger" type="logonTriggerType"/>
              <xs:element name="SessionStateChangeTrigger" type="sessionStateChangeTriggerType"/>
              <xs:element name="CalendarTrigger" type="calendarTriggerType"/>
            </xs:choice>
          </xs:group>

          <xs:complexType name="triggerBaseType" abstract="true">
            <xs:sequence>
              <xs:element name="Enabled" type="xs:boolean" default="true" minOccurs="0"/>
              <xs:element name="StartBoundary" type="xs:dateTime" minOccurs="0"/>
              <xs:element name="EndBoundary" type="xs:dateTime" minOccurs="0"/>
              <xs:element name="Repetition" type="repetitionType" minOccurs="0"/>
              <xs:element name="ExecutionTimeLimit" type="xs:duration" minOccurs="0"/>
            </xs:sequence>
            <xs:attribute name="id" type="xs:ID" use="optional"/>
          </xs:complexType>
          <xs:complexType name="repetitionType">
            <xs:all>
              <xs:element name="Interval">
                <xs:simpleType>
                  <xs:restriction base="xs:duration">
                    <xs:minInclusive value="PT1M"/>
                    <xs:maxInclusive value="P31D"/>
                  </xs:restriction>
                </xs:simpleType>
              </xs:element>
              <xs:element name="Duration" minOccurs="0">
                <xs:simpleType>
                  <xs:restriction base="xs:duration"><xs:minInclusive value="PT1M"/></xs:restriction>
                </xs:simpleType>
              </xs:element>
              <xs:element name="StopAtDurationEnd" type="xs:boolean" default="false" minOccurs="0"/>
            </xs:all>
          </xs:complexType>
          <xs:complexType name="bootTriggerType">
            <xs:complexContent><xs:extension base="triggerBaseType"><xs:sequence>
              <xs:element name="Delay" type="xs:duration" default="PT0M" minOccurs="0"/>
            </xs:sequence></xs:extension></xs:complexContent>
          </xs:complexType>
          <xs:complexType name="registrationTriggerType">
            <xs:complexContent><xs:extension base="triggerBaseType"><xs:sequence>
              <xs:element name="Delay" type="xs:duration" default="PT0M" minOccurs="0"/>
            </xs:sequence></xs:extension></xs:complexContent>
          </xs:complexType>
          <xs:complexType name="idleTriggerType">
            <xs:complexContent><xs:extension base="triggerBaseType"/></xs:complexContent>
          </xs:complexType>
          <xs:complexType name="timeTriggerType">
            <xs:complexContent><xs:extension base="triggerBaseType"><xs:sequence>
              <xs:element name="RandomDelay" type="xs:duration" default="PT0M" minOccurs="0"/>
            </xs:sequence></xs:extension></xs:complexContent>
          </xs:complexType>
          <xs:complexType name="eventTriggerType">
            <xs:complexContent><xs:extension base="triggerBaseType"><xs:sequence>
              <xs:element name="Subscription" type="nonEmptyString"/>
              <xs:element name="Delay" type="xs:duration" default="PT0M" minOccurs="0"/>
              <xs:element name="ValueQueries" type="xs:anyType" minOccurs="0"/>
            </xs:sequence></xs:extension></xs:complexContent>
          </xs:complexType>
          <xs:complexType name="logonTriggerType">
            <xs:complexContent><xs:extension base="triggerBaseType"><xs:sequence>
              <xs:element name="UserId" type="nonEmptyString" minOccurs="0"/>
              <xs:element name="Delay" type="xs:duration" default="PT0M" minOccurs="0"/>
            </xs:sequence></xs:extension></xs:complexContent>
          </xs:complexType>
          <xs:complexType name="sessionStateChangeTriggerType">
            <xs:complexContent><xs:extension base="triggerBaseType"><xs:sequence>
              <xs:element name="UserId" type="nonEmptyString" minOccurs="0"/>
              <xs:element name="Delay" type="xs:duration" default="PT0M" minOccurs="0"/>
              <xs:element name="StateChange">
                <xs:simpleType>
                  <xs:restriction base="xs:string">
                    <xs:enumeration value="ConsoleConnect"/><xs:enumeration value="ConsoleDisconnect"/>
                    <xs:enumeration value="RemoteConnect"/><xs:enumeration value="RemoteDisconnect"/>
                    <xs:enumeration value="SessionLock"/><xs:enumeration value="SessionUnlock"/>
                  </xs:restriction>
                </xs:simpleType>
              </xs:element>
            </xs:sequence></xs:extension></xs:complexContent>
          </xs:complexType>
          <xs:complexType name="calendarTriggerType">
            <xs:complexContent><xs:extension base="triggerBaseType"><xs:sequence>
              <xs:element name="RandomDelay" type="xs:duration" default="PT0M" minOccurs="0"/>
              <xs:choice>
                <xs:element name="ScheduleByDay" type="xs:anyType"/>
                <xs:element name="ScheduleByWeek" type="xs:anyType"/>
                <xs:element name="ScheduleByMonth" type="xs:anyType"/>
                <xs:element name="ScheduleByMonthDayOfWeek" type="xs:anyType"/>
              </xs:choice>
            </xs:sequence></xs:extension></xs:complexContent>
          </xs:complexType>

          <xs:complexType name="settingsType">
            <xs:all>
              <xs:element name="AllowStartOnDemand" type="xs:boolean" default="true" minOccurs="0"/>
              <xs:element name="RestartOnFailure" type="restartType" minOccurs="0"/>
              <xs:element name="MultipleInstancesPolicy" type="multipleInstancesPolicyType" default="IgnoreNew" minOccurs="0"/>
              <xs:element name="DisallowStartIfOnBatteries" type="xs:boolean" default="true" minOccurs="0"/>
              <xs:element name="StopIfGoingOnBatteries" type="xs:boolean" default="true" minOccurs="0"/>
              <xs:element name="AllowHardTerminate" type="xs:boolean" default="true" minOccurs="0"/>
              <xs:element name="StartWhenAvailable" type="xs:boolean" default="false" minOccurs="0"/>
              <xs:element name="NetworkProfileName" type="xs:string" minOccurs="0"/>
              <xs:element name="RunOnlyIfNetworkAvailable" type="xs:boolean" default="false" minOccurs="0"/>
              <xs:element name="WakeToRun" type="xs:boolean" default="false" minOccurs="0"/>
              <xs:element name="Enabled" type="xs:boolean" default="true" minOccurs="0"/>
              <xs:element name="Hidden" type="xs:boolean" default="false" minOccurs="0"/>
              <xs:element name="DeleteExpiredTaskAfter" type="xs:duration" default="PT0S" minOccurs="0"/>
              <xs:element name="IdleSettings" type="idleSettingsType" minOccurs="0"/>
              <xs:element name="NetworkSettings" type="xs:anyType" minOccurs="0"/>
              <xs:element name="ExecutionTimeLimit" type="xs:duration" minOccurs="0"/>
              <xs:element name="Priority" type="priorityType" default="7" minOccurs="0"/>
              <xs:element name="RunOnlyIfIdle" type="xs:boolean" default="false" minOccurs="0"/>
            </xs:all>
          </xs:complexType>
          <xs:simpleType name="multipleInstancesPolicyType">
            <xs:restriction base="xs:string">
              <xs:enumeration value="Parallel"/><xs:enumeration value="Queue"/>
              <xs:enumeration value="IgnoreNew"/><xs:enumeration value="StopExisting"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="priorityType">
            <xs:restriction base="xs:byte"><xs:minInclusive value="0"/><xs:maxInclusive value="10"/></xs:restriction>
          </xs:simpleType>
          <xs:complexType name="restartType">
            <xs:all>
              <xs:element name="Interval">
                <xs:simpleType>
                  <xs:restriction base="xs:duration">
                    <xs:minInclusive value="PT1M"/>
                    <xs:maxInclusive value="P31D"/>
                  </xs:restriction>
                </xs:simpleType>
              </xs:element>
              <xs:element name="Count">
                <xs:simpleType>
                  <xs:restriction base="xs:unsignedByte"><xs:minInclusive value="1"/></xs:restriction>
                </xs:simpleType>
              </xs:element>
            </xs:all>
          </xs:complexType>
          <xs:complexType name="idleSettingsType">
            <xs:all>
              <xs:element name="Duration" type="xs:duration" default="PT10M" minOccurs="0"/>
              <xs:element name="WaitTimeout" type="xs:duration" default="PT1H" minOccurs="0"/>
              <xs:element name="StopOnIdleEnd" type="xs:boolean" default="true" minOccurs="0"/>
              <xs:element name="RestartOnIdle" type="xs:boolean" default="false" minOccurs="0"/>
            </xs:all>
          </xs:complexType>

          <xs:complexType name="principalsType">
            <xs:sequence>
              <xs:element name="Principal" type="principalType" maxOccurs="1"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="principalType">
            <xs:all>
              <xs:element name="UserId" type="nonEmptyString" minOccurs="0"/>
              <xs:element name="LogonType" type="logonType" minOccurs="0"/>
              <xs:element name="GroupId" type="nonEmptyString" minOccurs="0"/>
              <xs:element name="DisplayName" type="xs:string" minOccurs="0"/>
              <xs:element name="RunLevel" type="runLevelType" minOccurs="0"/>
            </xs:all>
            <xs:attribute name="id" type="xs:ID" use="optional"/>
          </xs:complexType>
          <xs:simpleType name="logonType">
            <xs:restriction base="xs:string">
              <xs:enumeration value="S4U"/><xs:enumeration value="Password"/>
              <xs:enumeration value="InteractiveToken"/><xs:enumeration value="InteractiveTokenOrPassword"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="runLevelType">
            <xs:restriction base="xs:string">
              <xs:enumeration value="LeastPrivilege"/><xs:enumeration value="HighestAvailable"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:complexType name="actionsType">
            <xs:sequence>
              <xs:group ref="actionGroup" maxOccurs="32"/>
            </xs:sequence>
            <xs:attribute name="Context" type="xs:IDREF" use="optional"/>
          </xs:complexType>
          <xs:group name="actionGroup">
            <xs:choice>
              <xs:element name="Exec" type="execType"/>
              <xs:element name="ComHandler" type="comHandlerType"/>
              <xs:element name="SendEmail" type="xs:anyType"/>
              <xs:element name="ShowMessage" type="xs:anyType"/>
            </xs:choice>
          </xs:group>
          <xs:complexType name="actionBaseType" abstract="true">
            <xs:attribute name="id" type="xs:ID" use="optional"/>
          </xs:complexType>
          <xs:complexType name="execType">
            <xs:complexContent><xs:extension base="actionBaseType"><xs:all>
              <xs:element name="Command" type="pathType"/>
              <xs:element name="Arguments" type="xs:string" minOccurs="0"/>
              <xs:element name="WorkingDirectory" type="pathType" minOccurs="0"/>
            </xs:all></xs:extension></xs:complexContent>
          </xs:complexType>
          <xs:complexType name="comHandlerType">
            <xs:complexContent><xs:extension base="actionBaseType"><xs:all>
              <xs:element name="ClassId" type="guidType"/>
              <xs:element name="Data" type="xs:anyType" minOccurs="0"/>
            </xs:all></xs:extension></xs:complexContent>
          </xs:complexType>
        </xs:schema>
        """;

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(new StringReader(Xsd));
        set.Add(XmlSchema.Read(reader, (_, e) => throw new InvalidOperationException("task schema: " + e.Message))!);
        set.Compile();
        return set;
    });

    /// <summary>Every schema violation of the task document (empty when it conforms), with line numbers.</summary>
    public static IReadOnlyList<string> Violations(byte[] taskXml)
    {
        var violations = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
        };
        settings.ValidationEventHandler += (_, e) => violations.Add($"{e.Severity} at {e.Exception.LineNumber}:{e.Exception.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(taskXml), settings);
        while (reader.Read())
        {
        }
        return violations;
    }
}
